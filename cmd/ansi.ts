// Colour for human output, only ever on a terminal (the caller says whether it is one): each
// style's escape sequences, put around text that has already been laid out, so that colour
// never counts toward a line's width.
export type Style = 'bold' | 'dim' | 'green' | 'red' | 'yellow';

const sequences: Record<Style, [string, string]> = {
  bold: ['\x1b[1m', '\x1b[22m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  green: ['\x1b[32m', '\x1b[39m'],
  red: ['\x1b[31m', '\x1b[39m'],
  yellow: ['\x1b[33m', '\x1b[39m'],
};

/** The text in the style when colour is on; as it is otherwise, or without a style. */
export const paint = (text: string, style: Style | undefined, colour: boolean): string =>
  colour && style ? `${sequences[style][0]}${text}${sequences[style][1]}` : text;
