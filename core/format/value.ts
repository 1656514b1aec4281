// The Go values hook tools print, as the formatters see them: JavaScript values plus the Go
// types JavaScript has no twin of.

/** A Go struct: fields keep declaration order (maps sort their keys). */
export class GoStruct {
  constructor(readonly fields: Array<[string, GoValue]>) {}
}

/** A Go float64 (prints as Go prints floats; plain JS numbers that are integers print as ints). */
export class GoFloat {
  constructor(readonly value: number) {}
}

/** A Go time.Time, given as its RFC 3339 text: yaml.v2 prints it as a plain scalar, JSON as a string. */
export class GoTime {
  constructor(readonly text: string) {}
}

export type GoValue =
  | null
  | undefined
  | string
  | number
  | boolean
  | GoFloat
  | GoTime
  | GoStruct
  | GoValue[]
  | { [key: string]: GoValue };
