// Page object of the app frame: navigation and status bar.
import type { Locator, Page } from '@playwright/test';

export class AppFrame {
  readonly statusBar: Locator;
  readonly backend: Locator;
  readonly cpus: Locator;
  readonly host: Locator;

  constructor(readonly page: Page) {
    this.statusBar = page.getByTestId('status-bar');
    this.backend = page.getByTestId('status-backend');
    this.cpus = page.getByTestId('status-cpus');
    this.host = page.getByTestId('status-host');
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
  }

  async goTo(view: 'catalogue' | 'explorer' | 'inference' | 'jobs' | 'settings'): Promise<void> {
    await this.page.getByTestId(`nav-${view}`).click();
    await this.page.waitForURL(new RegExp(`#/${view}`));
  }
}
