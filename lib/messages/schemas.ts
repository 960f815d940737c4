import { z } from 'zod';

// Messages between the citizen and the administration about one dossier.
// Pure module: shared by the forms (browser) and the server actions.

export const MESSAGE_MAX_LENGTH = 5000;

export const messageBodyField = z
  .string({ error: 'Saisissez votre message.' })
  .trim()
  .min(1, 'Saisissez votre message.')
  .max(MESSAGE_MAX_LENGTH, `Votre message doit contenir au plus ${MESSAGE_MAX_LENGTH} caractères.`);

/** The citizen's reply, from "Ma demande". */
export const citizenMessageSchema = z.object({ body: messageBodyField });
