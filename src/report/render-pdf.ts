// PDF through Debian's Chromium driven by playwright-core; never a downloaded browser.
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.CTO_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Print the HTML to a PDF file; returns false when Chromium is not installed. */
export async function renderPdf(html: string, outFile: string): Promise<boolean> {
  if (!chromiumAvailable()) return false;
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    // Nothing in the report may reach the network: every request is refused.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({
      path: outFile,
      format: 'A4',
      printBackground: true,
      margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' },
    });
    return true;
  } finally {
    await browser.close();
  }
}
