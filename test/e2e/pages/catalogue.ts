// Page objects of the Catalogue: library cards, jobs strip and creation wizard; one library's filters, table and runs.
import type { Locator, Page } from '@playwright/test';

export class CataloguePage {
  readonly createButton: Locator;
  readonly wizard: Locator;
  readonly jobsStrip: Locator;
  readonly cards: Locator;

  constructor(readonly page: Page) {
    this.createButton = page.getByTestId('create-library');
    this.wizard = page.getByTestId('wizard');
    this.jobsStrip = page.getByTestId('jobs-strip');
    this.cards = page.locator('[data-testid^="library-card-"]');
  }

  card(name: string): Locator {
    return this.cards.filter({ hasText: name });
  }

  /** Picks an option of a Naive UI select by typing part of its label. */
  async pick(select: Locator, text: string): Promise<void> {
    await select.click();
    await this.page.keyboard.type(text);
    await this.page.locator('.n-base-select-option', { hasText: text }).first().click();
  }

  async setNumber(field: Locator, value: number): Promise<void> {
    const input = field.locator('input');
    await input.fill(String(value));
    await input.blur();
  }

  prior(path: string): Locator {
    return this.wizard.getByTestId(`prior-${path}`);
  }

  async setPrior(path: string, low: number, high: number): Promise<void> {
    await this.setNumber(this.prior(path).getByTestId('prior-low'), low);
    await this.setNumber(this.prior(path).getByTestId('prior-high'), high);
  }
}

export class LibraryPage {
  readonly parallel: Locator;
  readonly runsMatching: Locator;
  readonly rows: Locator;
  readonly chips: Locator;
  readonly detail: Locator;
  readonly raster: Locator;
  readonly scatter: Locator;

  constructor(readonly page: Page) {
    this.parallel = page.getByTestId('parallel');
    this.runsMatching = page.getByTestId('runs-matching');
    this.rows = page.getByTestId('run-row');
    this.chips = page.getByTestId('filter-chips');
    this.detail = page.getByTestId('run-detail');
    this.raster = page.getByTestId('run-raster');
    this.scatter = page.getByTestId('scatter');
  }

  /** Runs passing the filters, as the table header states it ("n of m runs"). */
  async matching(): Promise<number> {
    const text = (await this.runsMatching.textContent()) ?? '';
    return Number(text.split(' of ')[0].replace(/[^0-9]/g, ''));
  }

  /**
   * Brushes axis `axis` of the parallel-coordinates chart from `from` to `to` (fractions of the axis height, 0 at
   * the top), with the mouse, as a user would. Layout constants match plotting/catalogue-charts.ts.
   */
  async brush(axis: number, from: number, to: number): Promise<void> {
    const n = Number(await this.parallel.getAttribute('data-axes'));
    const box = (await this.parallel.locator('canvas').first().boundingBox())!;
    const [left, right, top, bottom] = [40, 70, 58, 22];
    const x = box.x + left + (axis * (box.width - left - right)) / Math.max(1, n - 1);
    const y = (f: number) => box.y + top + f * (box.height - top - bottom);
    await this.page.mouse.move(x, y(from));
    await this.page.mouse.down();
    await this.page.mouse.move(x, y((from + to) / 2), { steps: 5 });
    await this.page.mouse.move(x, y(to), { steps: 5 });
    await this.page.mouse.up();
  }

  async openRow(k: number): Promise<void> {
    await this.rows.nth(k).click();
  }
}
