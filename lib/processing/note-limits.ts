// Without zod, so that the note form reads it without loading the schemas (decision 019).
export const PRIVATE_NOTE_MAX_LENGTH = 5000;
