/** The address-bar query each list page had when last shown, so a detail page's breadcrumb goes back to it as it was. */
const lastListSearch = new Map<string, string>();

/** Called by `useUrlFilters` whenever a list's address bar changes. */
export function rememberListSearch(path: string, search: string) {
  lastListSearch.set(path, search);
}

/** The path of a list page with the filters, page and sort it had when the user left it (see `PageHeader`'s `back`). */
export function listHref(path: string): string {
  const search = lastListSearch.get(path);
  return search ? `${path}?${search}` : path;
}
