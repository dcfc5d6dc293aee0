/**
 * A form's submit handler that keeps the page where it is (no navigation, no reload) and runs
 * the form's action; an action that returns a promise runs on without being awaited.
 */
export function submitWith(action: () => unknown): (e: Event) => void {
  return (e) => {
    e.preventDefault();
    void action();
  };
}
