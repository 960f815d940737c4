// Prints one closing line for the whole run ("N passed, N failed") from the runners' JSON reports.
import { readFileSync } from 'node:fs';

const [vitestFile, playwrightFile] = process.argv.slice(2);
const vitest = JSON.parse(readFileSync(vitestFile, 'utf8'));
const playwright = JSON.parse(readFileSync(playwrightFile, 'utf8'));

const unitPassed = vitest.numPassedTests;
const unitFailed = vitest.numFailedTests;
const unitSkipped = vitest.numPendingTests + vitest.numTodoTests;
const e2ePassed = playwright.stats.expected + playwright.stats.flaky;
const e2eFailed = playwright.stats.unexpected;
const e2eSkipped = playwright.stats.skipped;

console.log(`vitest: ${unitPassed} passed, ${unitFailed} failed, ${unitSkipped} skipped`);
console.log(`playwright: ${e2ePassed} passed, ${e2eFailed} failed, ${e2eSkipped} skipped`);
console.log(`${unitPassed + e2ePassed} passed, ${unitFailed + e2eFailed} failed, ${unitSkipped + e2eSkipped} skipped`);
if (unitPassed + e2ePassed === 0 || unitFailed + e2eFailed > 0) process.exit(1);
