import { test, expect } from './fixtures';

test('after the first visit the app works with the network off (service worker)', async ({ page, context }) => {
  await page.goto('/');
  // Wait until the service worker controls the page and has cached this version.
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true })
      );
    }
    return reg.active?.state;
  });
  await context.setOffline(true);
  try {
    for (const path of ['/', '/data', '/assumptions', '/notebooks']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    }
  } finally {
    await context.setOffline(false);
  }
});

test('the app is installable: it links a web manifest with a name, start URL, and PNG icons (any and maskable, 192 and 512 px)', async ({
  page,
  request
}) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = await (await request.get(new URL(href!, page.url()).toString())).json();
  expect(manifest.name).toBe('Lever Lab');
  expect(manifest.start_url).toBe('/');
  expect(manifest.display).toBe('standalone');
  // PNG icons at the two sizes installers ask for, each in an "any" and a "maskable" version
  for (const purpose of ['any', 'maskable']) {
    for (const size of [192, 512]) {
      const icon = manifest.icons.find(
        (i: { sizes: string; purpose: string; type: string }) =>
          i.sizes === `${size}x${size}` && i.purpose === purpose && i.type === 'image/png'
      );
      expect(icon, `${purpose} ${size} px icon`).toBeTruthy();
      const png = await (await request.get(new URL(icon.src, page.url()).toString())).body();
      // PNG signature, then the IHDR chunk's width and height (big-endian, bytes 16-23)
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  }
});

test('a Content-Security-Policy allows nothing remote', async ({ page }) => {
  await page.goto('/');
  const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toMatch(/script-src 'self'/);
  expect(csp).not.toMatch(/https?:/);
});
