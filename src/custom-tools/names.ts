/** Tool names and titles from export names. */

/** `rescheduleVisit` → `reschedule_visit`, `sendHTMLReport` → `send_html_report`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}

/** `reschedule_visit` → `Reschedule visit`. */
export function titleOf(toolName: string): string {
  const words = toolName.split('_').filter(Boolean).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
