// A calm scientific palette for Naive UI: one blue accent, neutral greys.
import type { GlobalThemeOverrides } from 'naive-ui';

export const themeOverrides: GlobalThemeOverrides = {
  common: {
    primaryColor: '#3b6ea8',
    primaryColorHover: '#4d80bb',
    primaryColorPressed: '#2f5b8c',
    primaryColorSuppl: '#4d80bb',
    borderRadius: '4px',
    fontSize: '14px',
  },
};
