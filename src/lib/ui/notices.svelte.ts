/** App-wide messages for the person: storage problems, blocked upgrades, finished work. */
export type NoticeKind = 'error' | 'warning' | 'info' | 'success';

export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}

let next = 1;

class Notices {
  items: Notice[] = $state([]);

  push(kind: NoticeKind, text: string): number {
    // the same message twice in a row is one message
    const last = this.items.at(-1);
    if (last && last.text === text && last.kind === kind) return last.id;
    const id = next++;
    this.items = [...this.items, { id, kind, text }];
    if (kind === 'success' || kind === 'info') setTimeout(() => this.dismiss(id), 6000);
    return id;
  }

  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }
}

export const notices = new Notices();
