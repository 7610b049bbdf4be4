/** The origin of the page under test: jsdom's URL, and the origin the oracle expects in sign-in messages. */
export const PAGE_ORIGIN = "http://localhost:3000";
