// Fails fast, with one clear line, when the integration suite is started without its services.
export default function setup() {
  if (!process.env.TEST_DATABASE_URL) {
    throw new Error('Integration tests need PostgreSQL: run `npm test`, which starts a throwaway cluster, or set TEST_DATABASE_URL.');
  }
}
