import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { FieldDocs } from '../lib/content/json-schema';

/**
 * Reads the JSDoc of every object-literal field in src/schemas/*.ts, so the JSON Schemas carry the
 * same documentation as the TypeScript types: the JSDoc stays the one place authors' docs are written.
 */
export function readSchemaDocs(dir: string): FieldDocs {
  const docs: FieldDocs = { objects: [], schemas: {} };
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.ts'))) {
    const source = ts.createSourceFile(name, readFileSync(join(dir, name), 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isObjectLiteralExpression(node)) {
        const entry = { keys: [] as string[], docs: {} as Record<string, string> };
        for (const property of node.properties) {
          if (!ts.isPropertyAssignment(property) || !property.name) continue;
          const key = property.name.getText(source).replace(/^['"]|['"]$/g, '');
          entry.keys.push(key);
          const text = jsDocText(property);
          if (text) entry.docs[key] = text;
        }
        if (Object.keys(entry.docs).length > 0) docs.objects.push(entry);
      }
      if (ts.isVariableStatement(node)) {
        const text = jsDocText(node);
        for (const declaration of node.declarationList.declarations) {
          if (text && ts.isIdentifier(declaration.name)) docs.schemas[declaration.name.text] = text;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return docs;
}

function jsDocText(node: ts.Node): string {
  return ts
    .getJSDocCommentsAndTags(node)
    .filter(ts.isJSDoc)
    .map((doc) => ts.getTextOfJSDocComment(doc.comment) ?? '')
    .join('\n')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}
