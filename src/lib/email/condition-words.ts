import { Liquid, TokenKind, Value } from 'liquidjs';
import type { VarType } from '../../schemas';

/**
 * `when:` conditions in words, for pages a reader scans: `outstanding.invoices.size > 0` reads "there
 * are outstanding invoices". The condition is parsed as the run evaluates it (a Liquid value, see
 * `parseCondition`) and its syntax tree described from a few tables; a shape the tables do not cover
 * gives null, and the page shows the condition itself.
 */

/** A playbook question a condition may read (`vars.keepsDomains`). */
export interface ConditionQuestion {
  type: VarType;
  description: string;
}

type Node =
  | { kind: 'path'; path: string }
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'not'; operand: Node }
  | { kind: 'binary'; operator: string; left: Node; right: Node };

/** What the lists of the render context are called in a sentence. */
const LIST_NOUNS: Record<string, string> = {
  'outstanding.invoices': 'outstanding invoices',
  'outstanding.deliverables': 'open deliverables',
};

/** `contract.reason == "…"` as a clause, and its negation. */
const REASON_CLAUSES: Record<string, [yes: string, no: string]> = {
  completed: ['the project was completed', 'the project was not completed'],
  'client-ended': ['the client ended the contract', 'the client did not end the contract'],
  'we-ended': ['we ended the contract', 'we did not end the contract'],
  'for-cause': ['the contract ends for cause', 'the contract does not end for cause'],
  mutual: ['both sides agreed to end the contract', 'the end was not a mutual decision'],
};

/** `size <op> n` as words: "more than 2", "at least 1". */
const COUNT_WORDS: Record<string, (n: number) => string> = {
  '>': (n) => `more than ${n}`,
  '>=': (n) => `at least ${n}`,
  '<': (n) => `fewer than ${n}`,
  '<=': (n) => `at most ${n}`,
  '==': (n) => `exactly ${n}`,
  '!=': (n) => `not exactly ${n}`,
};

const parser = new Liquid();

/** The syntax tree of a condition, rebuilt from LiquidJS's postfix tokens; null when it does not parse. */
function parse(expression: string): Node | null {
  let postfix: { kind: TokenKind; getText(): string }[];
  try {
    const value = new Value(expression, parser) as unknown as { filters: unknown[]; initial: { postfix: typeof postfix } };
    if (value.filters.length > 0) return null;
    postfix = value.initial.postfix;
  } catch {
    return null;
  }
  const stack: Node[] = [];
  for (const token of postfix) {
    const text = token.getText();
    switch (token.kind) {
      case TokenKind.PropertyAccess:
        // A plain dotted path; an index or a quoted key (`outstanding.invoices[0]`) is left as written.
        if (!/^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/.test(text)) return null;
        stack.push({ kind: 'path', path: text });
        break;
      case TokenKind.Number:
        stack.push({ kind: 'literal', value: Number(text) });
        break;
      case TokenKind.Quoted:
        stack.push({ kind: 'literal', value: text.slice(1, -1) });
        break;
      case TokenKind.Literal:
        if (text !== 'true' && text !== 'false') return null;
        stack.push({ kind: 'literal', value: text === 'true' });
        break;
      case TokenKind.Operator: {
        if (text === 'not') {
          const operand = stack.pop();
          if (!operand) return null;
          stack.push({ kind: 'not', operand });
          break;
        }
        const right = stack.pop();
        const left = stack.pop();
        if (!left || !right) return null;
        stack.push({ kind: 'binary', operator: text, left, right });
        break;
      }
      default:
        return null;
    }
  }
  return stack.length === 1 ? stack[0]! : null;
}

/**
 * A condition as a clause that follows "Only when" ("there are outstanding invoices"), or null when
 * its shape is not one the describer knows (show the condition itself then). `questions` are the
 * playbook questions by name, so `vars.keepsDomains` reads as its question.
 */
export function describeCondition(expression: string, questions: Readonly<Record<string, ConditionQuestion>> = {}): string | null {
  const tree = parse(expression);
  return tree ? describe(tree, questions, false) : null;
}

function describe(node: Node, questions: Readonly<Record<string, ConditionQuestion>>, negated: boolean): string | null {
  if (node.kind === 'not') return describe(node.operand, questions, !negated);
  if (node.kind === 'literal') return null;
  if (node.kind === 'path') return truthy(node.path, questions, negated);
  const { operator, left, right } = node;
  if (operator === 'and' || operator === 'or') {
    // Mixed and/or (Liquid groups them right to left, unlike most readers) and negated groups stay as written.
    if (negated || [left, right].some((side) => side.kind === 'binary' && (side.operator === 'and' || side.operator === 'or') && side.operator !== operator)) return null;
    const parts = [describe(left, questions, false), describe(right, questions, false)];
    return parts.every((part) => part !== null) ? parts.join(` ${operator} `) : null;
  }
  if (left.kind !== 'path' || right.kind !== 'literal') return null;
  return comparison(left.path, negated ? negate(operator) : operator, right.value, questions);
}

function negate(operator: string): string {
  return { '==': '!=', '!=': '==', '>': '<=', '<=': '>', '<': '>=', '>=': '<' }[operator] ?? '';
}

function truthy(path: string, questions: Readonly<Record<string, ConditionQuestion>>, negated: boolean): string | null {
  const question = questionOf(path, questions);
  if (question?.type === 'boolean') return `the answer to “${question.description}” is ${negated ? 'no' : 'yes'}`;
  return null;
}

function comparison(path: string, operator: string, value: string | number | boolean | null, questions: Readonly<Record<string, ConditionQuestion>>): string | null {
  const list = path.endsWith('.size') ? LIST_NOUNS[path.slice(0, -'.size'.length)] : undefined;
  if (list && typeof value === 'number') {
    if ((operator === '>' && value === 0) || (operator === '>=' && value === 1) || (operator === '!=' && value === 0)) return `there are ${list}`;
    if ((operator === '==' && value === 0) || (operator === '<' && value === 1) || (operator === '<=' && value === 0)) return `there are no ${list}`;
    const count = COUNT_WORDS[operator];
    return count ? `there are ${count(value)} ${list}` : null;
  }
  if (path === 'contract.reason' && typeof value === 'string' && (operator === '==' || operator === '!=')) {
    const clauses = REASON_CLAUSES[value];
    return clauses ? clauses[operator === '==' ? 0 : 1] : null;
  }
  const question = questionOf(path, questions);
  if (question && (operator === '==' || operator === '!=') && value !== null) {
    const answer = typeof value === 'boolean' ? (value === (operator === '==') ? 'yes' : 'no') : `${operator === '==' ? '' : 'not '}“${value}”`;
    return `the answer to “${question.description}” is ${answer}`;
  }
  return null;
}

function questionOf(path: string, questions: Readonly<Record<string, ConditionQuestion>>): ConditionQuestion | undefined {
  const [root, name, ...rest] = path.split('.');
  return root === 'vars' && name && rest.length === 0 && Object.hasOwn(questions, name) ? questions[name] : undefined;
}

/** The questions of every playbook by name (the first playbook to ask one wins), for `describeCondition`. */
export function playbookQuestions(playbooks: readonly { vars: Readonly<Record<string, ConditionQuestion>> }[]): Record<string, ConditionQuestion> {
  const questions: Record<string, ConditionQuestion> = {};
  for (const playbook of playbooks) {
    for (const [name, spec] of Object.entries(playbook.vars)) if (!Object.hasOwn(questions, name)) questions[name] = spec;
  }
  return questions;
}
