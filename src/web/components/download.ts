/**
 * A GET download with the session cookie (exports, templates, error reports); the server answers with an
 * attachment, so the page stays where it is.
 */
export function download(href: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = '';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export const jobDownloadHref = (jobId: number): string => `/api/jobs/${jobId}/download`;
