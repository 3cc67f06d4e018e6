// Population colours that carry through editors, cards and every plot (E blue, I red, then a colour-blind-safe set).

const NAMED: Record<string, string> = { E: '#3b6ea8', I: '#c4453c', all: '#555f6d' };
const CYCLE = ['#3b6ea8', '#c4453c', '#3f9a5a', '#8a5fb4', '#d08b2c', '#2a9d9f', '#b45f88'];

export function populationColor(name: string, index = 0): string {
  return NAMED[name] ?? CYCLE[index % CYCLE.length];
}

/** A sequential palette for continuous colouring (viridis-like, readable in light and dark themes). */
export const SEQUENTIAL = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];
