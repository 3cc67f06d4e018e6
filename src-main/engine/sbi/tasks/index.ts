// Registry of the sbibm benchmark tasks by id.
import { validationError } from '../../../../src-shared/contract/envelope';
import { gaussianLinear } from './gaussian-linear';
import { gaussianMixture } from './gaussian-mixture';
import { slcp } from './slcp';
import { twoMoons } from './two-moons';
import type { SbibmTask, SbibmTaskId } from './types';

export type { SbibmTask, SbibmTaskId } from './types';

export const SBIBM_TASKS: Record<SbibmTaskId, SbibmTask> = {
  gaussian_linear: gaussianLinear,
  two_moons: twoMoons,
  slcp,
  gaussian_mixture: gaussianMixture,
};

export function getTask(id: string): SbibmTask {
  const task = (SBIBM_TASKS as Record<string, SbibmTask | undefined>)[id];
  if (!task)
    throw validationError('task', `unknown task '${id}'; expected one of ${Object.keys(SBIBM_TASKS).join(', ')}`);
  return task;
}
