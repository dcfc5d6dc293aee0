/** The app's main sections, in navigation order. */
export interface NavItem {
  href: string;
  label: string;
  /** what the page is for, shown as its subtitle */
  description: string;
}

export const navItems: readonly NavItem[] = [
  { href: '/', label: 'Workbench', description: 'Tune levers and watch retention, conversion and CLV respond.' },
  {
    href: '/data',
    label: 'Data',
    description: 'Load sample data or import your own transactions. Everything stays in this browser.'
  },
  {
    href: '/model',
    label: 'Model fit',
    description:
      'Does the customer model fit your data? Three models fitted on a calibration period, judged on the holdout.'
  },
  { href: '/compare', label: 'Compare', description: 'Put two to four saved scenarios side by side.' },
  {
    href: '/optimise',
    label: 'Optimise',
    description: 'Split the weekly media budget across channels to get the most out of a KPI, then apply it.'
  },
  { href: '/validate', label: 'Validate', description: 'Reproduce the published model fits on public data.' },
  { href: '/notebooks', label: 'Notebooks', description: 'Lessons and client stories with live scenarios.' },
  {
    href: '/models',
    label: 'Models',
    description:
      'Learn uplift and churn models from your data in this browser, and use the measured uplift in the scenario.'
  },
  { href: '/assumptions', label: 'Assumptions', description: 'Every effect size, its range and its source.' }
];

/** True when `pathname` is inside the section at `href`. */
export function isCurrent(href: string, pathname: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(href + '/');
}
