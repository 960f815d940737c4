export * from './users';
export * from './relations';
export * from './procedures';
export * from './dossiers';
export * from './messages';
export * from './documents';
export * from './notifications';
export * from './platform';
