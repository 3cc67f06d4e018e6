// Page object of the Inference view: library and metrics, training, target, pairplot, conditioning, calibration.
import type { Locator, Page } from '@playwright/test';

export class InferencePage {
  readonly library: Locator;
  readonly trainButton: Locator;
  readonly trainingStatus: Locator;
  readonly posteriorSelect: Locator;
  readonly sampleButton: Locator;
  readonly pairplot: Locator;
  readonly conditional: Locator;
  readonly correlation: Locator;
  readonly diagnoseButton: Locator;
  readonly verdict: Locator;

  constructor(readonly page: Page) {
    this.library = page.getByTestId('inference-library');
    this.trainButton = page.getByTestId('train-button');
    this.trainingStatus = page.getByTestId('training-status');
    this.posteriorSelect = page.getByTestId('inference-posterior');
    this.sampleButton = page.getByTestId('sample-button');
    this.pairplot = page.getByTestId('pairplot');
    this.conditional = page.getByTestId('conditional-card');
    this.correlation = page.getByTestId('correlation');
    this.diagnoseButton = page.getByTestId('diagnose-button');
    this.verdict = page.getByTestId('verdict');
  }

  async setMaxEpochs(n: number): Promise<void> {
    const input = this.page.getByTestId('inference-setup').locator('.n-input-number input').first();
    await input.fill(String(n));
    await input.blur();
  }

  async setRun(index: number): Promise<void> {
    const input = this.page.getByTestId('target-run').locator('input');
    await input.fill(String(index));
    await input.blur();
  }

  /** Picks the first saved posterior in the select. */
  async pickFirstPosterior(): Promise<void> {
    await this.posteriorSelect.click();
    await this.page.locator('.n-base-select-option').first().click();
  }
}
