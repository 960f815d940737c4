// CNIL recommendation of 21 July 2022 (délibération n° 2022-100), case of a password used alone
// with a throttling mechanism: at least 12 characters, no composition rules, common passwords refused.
// Pure module: forms and pages import these bounds; the check itself (password-policy.ts) reads a
// file and stays on the server.
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;
