/** The curriculum's four parts. Lessons name their part by number in their frontmatter. */
export const PARTS = [
  { number: 1, title: 'Know what goes into the image' },
  { number: 2, title: 'Build it lean' },
  { number: 3, title: 'Run it safely' },
  { number: 4, title: 'Capstone' },
] as const;
