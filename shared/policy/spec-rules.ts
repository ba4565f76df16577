// The IDs of the product's rules (docs/rules.md) that a decision can cite. Keeping them as a
// union makes a typo in a reason a compile error rather than a wrong citation.

export type SpecRuleId =
  | 'U1' | 'U7' | 'U8'
  | 'A4' | 'A5'
  | 'L1' | 'L2' | 'L3'
  | 'R1' | 'R2' | 'R3' | 'R4' | 'R5' | 'R6' | 'R7'
  | 'V4'
  | 'E3'
  | 'O1' | 'O2'
  | 'X1';
