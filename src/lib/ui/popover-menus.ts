/**
 * Behaviour of a group of <details> popover menus (the workbench's Saved, Share, Export):
 * one open at a time (they never overlap), Escape closes the open one and puts the focus
 * back on its summary, and a click outside the group closes it. A Svelte action.
 */
export function popoverMenus(node: HTMLElement): { destroy(): void } {
  const menus = () => [...node.querySelectorAll<HTMLDetailsElement>('details')];

  function close(menu: HTMLDetailsElement, refocus: boolean) {
    menu.open = false;
    if (refocus) menu.querySelector('summary')?.focus();
  }

  function ontoggle(e: Event) {
    const opened = e.target as HTMLDetailsElement;
    if (!(opened instanceof HTMLDetailsElement) || !opened.open) return;
    for (const m of menus()) if (m !== opened && m.open) m.open = false;
  }

  function onkeydown(e: KeyboardEvent) {
    if (e.key !== 'Escape') return;
    const open = menus().find((m) => m.open);
    if (!open) return;
    e.preventDefault();
    e.stopPropagation();
    close(open, true);
  }

  function onpointerdown(e: PointerEvent) {
    if (node.contains(e.target as Node)) return;
    for (const m of menus()) if (m.open) close(m, false);
  }

  // toggle does not bubble: listen in the capture phase
  node.addEventListener('toggle', ontoggle, true);
  node.addEventListener('keydown', onkeydown);
  document.addEventListener('pointerdown', onpointerdown);
  return {
    destroy() {
      node.removeEventListener('toggle', ontoggle, true);
      node.removeEventListener('keydown', onkeydown);
      document.removeEventListener('pointerdown', onpointerdown);
    }
  };
}
