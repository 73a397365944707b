/** The /api routes that do not declare a response schema yet (route-responses.test.ts): this list only shrinks. */
export const ROUTES_WITHOUT_RESPONSE: readonly string[] = [
];
