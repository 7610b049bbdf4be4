// Page furniture that web extraction leaves in documents, written for this test set.
// "{site}" is replaced by a generated site name.

export const NAV_ITEMS = [
  "Home", "About", "About us", "Products", "Services", "Pricing", "Blog", "News", "Contact", "Contact us",
  "Careers", "Support", "Help", "FAQ", "Login", "Sign in", "Sign up", "Register", "My account", "Cart",
  "Search", "Menu", "Shop", "Store locator", "Press", "Investors", "Partners", "Events", "Resources", "Docs",
] as const;

export const COOKIE_NOTICES = [
  "This website uses cookies to ensure you get the best experience on our website.",
  "We use cookies to personalise content and ads, to provide social media features and to analyse our traffic.",
  "By continuing to browse the site you are agreeing to our use of cookies.",
  "{site} uses cookies to improve your experience. You can change your cookie settings at any time.",
  "Our website uses cookies. Read our Cookie Policy to learn more.",
  "We and our partners use cookies to store and access information on your device.",
  "Please read our Privacy Policy and Terms of Use before using this site.",
  "By using this site, you agree to the Terms of Use and acknowledge our Privacy Policy.",
] as const;

export const COOKIE_BUTTONS = ["Accept all cookies", "Accept", "Reject all", "Manage preferences", "Cookie settings", "Got it!", "OK"] as const;

export const JS_NOTICES = [
  "This site requires JavaScript to work properly. Please enable JavaScript in your browser settings.",
  "You need to enable JavaScript to run this app.",
  "JavaScript is disabled in your browser. Some features of {site} will not be available.",
  "For the best experience, please turn on JavaScript and reload the page.",
  "It looks like your browser does not support JavaScript or it is turned off.",
] as const;

export const FOOTER_LINES = [
  "© {year} {site}. All rights reserved.",
  "Privacy Policy | Terms of Use | Cookie Policy",
  "Follow us on social media",
  "Subscribe to our newsletter",
  "Back to top",
  "Share this page",
  "Skip to main content",
  "Powered by {site}",
  "Read more",
  "Load more",
] as const;

export const SITE_WORDS = ["Blue", "River", "North", "Bright", "Oak", "Summit", "Pixel", "Harbor", "Maple", "Stone", "Cloud", "Iron"] as const;
export const SITE_SUFFIX = ["Media", "Labs", "Shop", "Group", "Works", "Studio", "Network", "Store"] as const;

export const LOREM =
  "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. " +
  "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. " +
  "Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. " +
  "Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum. " +
  "Curabitur pretium tincidunt lacus, nulla gravida orci a odio. Nullam varius, turpis et commodo pharetra, est eros bibendum elit, nec luctus magna felis sollicitudin mauris. " +
  "Integer in mauris eu nibh euismod gravida. Duis ac tellus et risus vulputate vehicula. Donec lobortis risus a elit. Etiam tempor.";

export const SPAM_KEYWORDS = [
  "cheap flights", "best price", "buy now", "free shipping", "discount code", "online casino", "weight loss",
  "crypto signals", "limited offer", "top rated", "click here", "best deals",
] as const;
