/** Where rule documentation lives; diagnostics, SARIF and hovers link to `${docsBaseUrl}<rule>.md`. */
export const docsBaseUrl = "https://github.com/nursery-dev/nursery/blob/main/docs/rules/";
