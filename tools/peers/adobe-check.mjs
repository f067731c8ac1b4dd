// Runs @adobe/structured-data-validator on one HTML file, the way its README does, and
// prints its issues as "FILE: error[adobe] ..." / "warning[adobe]" lines; exit 1 on an error.
// Usage: node adobe-check.mjs SCHEMAORG_JSONLD FILE
import { readFileSync } from 'node:fs';
import Validator from '@adobe/structured-data-validator';
import WebAutoExtractor from '@marbec/web-auto-extractor';

const [schemaFile, file] = process.argv.slice(2);
const html = readFileSync(file, 'utf8');
const extracted = new WebAutoExtractor({ addLocation: true, embedSource: ['rdfa', 'microdata'] }).parse(html);
const validator = new Validator(JSON.parse(readFileSync(schemaFile, 'utf8')));
const issues = await validator.validate(extracted);
let errors = 0;
for (const issue of issues) {
  const level = issue.severity === 'ERROR' ? 'error' : 'warning';
  if (level === 'error') errors += 1;
  console.log(`${file}: ${level}[adobe] ${issue.issueMessage}`);
}
process.exit(errors ? 1 : 0);
