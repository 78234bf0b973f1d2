/** A4 portrait with the Decree 30/2020 margins, in millimetres. */
export const PAGE = {
  width: 210,
  height: 297,
  top: 20,
  bottom: 20,
  left: 30,
  right: 15,
} as const;

export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
export const PT = 25.4 / 72;
/** First-line indent of body paragraphs: 1.27 cm. */
export const INDENT = 12.7;
