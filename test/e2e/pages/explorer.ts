// Page object of the Explorer view: family, parameters, run, results, metrics, metric editor, Brian2 script.
import type { Locator, Page } from '@playwright/test';

export class ExplorerPage {
  readonly runButton: Locator;
  readonly status: Locator;
  readonly raster: Locator;
  readonly metricsTable: Locator;

  constructor(readonly page: Page) {
    this.runButton = page.getByTestId('run-button');
    this.status = page.getByTestId('run-status');
    this.raster = page.getByTestId('raster');
    // The run's table, not the metric editor's preview (the drawer is teleported outside #app).
    this.metricsTable = page.locator('#app').getByTestId('metrics-table');
  }

  param(path: string): Locator {
    return this.page.getByTestId(`param-${path}`);
  }

  async setParam(path: string, value: string): Promise<void> {
    const input = this.param(path).locator('input');
    await input.fill(value);
    await input.blur();
  }

  async findParam(query: string): Promise<void> {
    await this.page.getByPlaceholder('Find a parameter').fill(query);
  }

  async run(): Promise<void> {
    await this.runButton.click();
  }
}
