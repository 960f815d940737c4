import { prepareDatabase } from './prepare-database';
import { DEMO_PASSWORD } from '@/db/seed';

const result = await prepareDatabase();
console.log(`Base de données prête : ${result.procedures} démarches publiées.`);
for (const account of result.createdAccounts) console.log(`  compte créé : ${account.email} (${account.role})`);
console.log(`  mot de passe des comptes de démonstration : ${DEMO_PASSWORD}`);
