import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { createCitizen } from './support/db';
import { signIn } from './support/session';
import { containsLocationOrOwner, makePhotoWithGps } from '../helpers/images';

// A photo taken with a phone says where it was taken: the Porte-documents keeps the picture, not the place.

test('a photo added to the Porte-documents comes back without its GPS position', async ({ page }) => {
  const citizen = await createCitizen();
  const photo = await makePhotoWithGps('jpeg');
  expect(containsLocationOrOwner(photo)).toBe(true);
  await signIn(page, citizen.email, citizen.password, '/porte-documents');
  await page.getByLabel('Titre du document').fill('Photo du compteur');
  await page.getByLabel('Fichier').setInputFiles({ name: 'IMG_0042.jpg', mimeType: 'image/jpeg', buffer: photo });
  await page.getByRole('button', { name: 'Ajouter au porte-documents' }).click();
  await expect(page.getByText('Le document a été ajouté à votre porte-documents.')).toBeVisible();

  const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Photo du compteur' }) });
  const [download] = await Promise.all([page.waitForEvent('download'), item.getByRole('link', { name: 'Télécharger Photo du compteur' }).click()]);
  expect(download.suggestedFilename()).toBe('IMG_0042.jpg');
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  expect(containsLocationOrOwner(bytes)).toBe(false);
  expect(bytes.indexOf('Exif\0\0', 0, 'latin1')).toBe(-1);
});
