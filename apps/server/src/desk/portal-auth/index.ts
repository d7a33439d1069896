/** Contact sign-in for portals: password links, sessions, CSRF, throttling (to be built). */
export {};
