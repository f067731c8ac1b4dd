// Runs structured-data-testing-tool on one HTML file (schemas detected from the page, as its
// CLI does without --presets) and prints failed tests as "FILE: error[sdtt] ..." and warnings
// as "warning[sdtt]" lines; exit 1 when a test failed.
// Usage: node sdtt-check.cjs FILE
const fs = require('fs');
const { structuredDataTest } = require('structured-data-testing-tool');

const file = process.argv[2];
const report = (res) => {
  for (const test of res.failed || []) console.log(`${file}: error[sdtt] ${test.description || test.test}`);
  for (const test of res.warnings || []) console.log(`${file}: warning[sdtt] ${test.description || test.test}`);
  return (res.failed || []).length ? 1 : 0;
};
structuredDataTest(fs.readFileSync(file))
  .then((res) => process.exit(report(res)))
  .catch((err) => {
    if (err.type === 'VALIDATION_FAILED') process.exit(report(err.res));
    console.error(String(err));
    process.exit(3);
  });
