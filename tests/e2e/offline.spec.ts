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

test('the app is installable: it links a web manifest with a name, start URL and icon', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = await (await request.get(new URL(href!, page.url()).toString())).json();
  expect(manifest.name).toBe('Lever Lab');
  expect(manifest.start_url).toBe('/');
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.length).toBeGreaterThan(0);
});

test('a Content-Security-Policy allows nothing remote', async ({ page }) => {
  await page.goto('/');
  const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toMatch(/script-src 'self'/);
  expect(csp).not.toMatch(/https?:/);
});
