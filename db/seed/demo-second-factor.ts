// Fixed TOTP secrets of the demo agent and administrator, printed by `npm run demo` so that a
// newcomer can add them to an authenticator app. They are public: the portal refuses them outside
// the demo (lib/auth/second-factor/policy.ts), whatever database they end up in.
// Base32 (RFC 4648, no padding) of 20 bytes: "demo-agent-totp-2026" and "demo-admin-totp-2026".
export const DEMO_TOTP_SECRETS = {
  agent: 'MRSW23ZNMFTWK3TUFV2G65DQFUZDAMRW',
  admin: 'MRSW23ZNMFSG22LOFV2G65DQFUZDAMRW',
} as const;
