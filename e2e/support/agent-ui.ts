import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { expect } from 'vitest';
import { seriousAxeViolationsUnderCsp } from './browser.js';

export interface Credentials {
  email: string;
  password: string;
}

/** A screenshot saver for one suite: full-page PNGs under e2e/artifacts/<suite>/ (kept by CI). */
export function screenshots(suite: string): (page: Page, name: string) => Promise<void> {
  const dir = path.resolve('e2e/artifacts', suite);
  return async (page, name) => {
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
  };
}

/** Fails with the list when axe-core finds serious or critical violations (works under the page's CSP). */
export async function expectAccessible(page: Page | Frame, what: string): Promise<void> {
  const violations = await seriousAxeViolationsUnderCsp(page);
  expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/**
 * Collects the page's console errors and uncaught exceptions, except console errors matching
 * `expected` (the refusals a journey provokes on purpose); the returned array fills as they come.
 */
export function collectPageErrors(page: Page, expected?: RegExp): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error' || expected?.test(message.text())) return;
    errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}

/** The browser-context options of a phone `width` px wide (no options without a width). */
export const phoneViewport = (width?: number) =>
  width ? { viewport: { width, height: 844 }, isMobile: true, hasTouch: true } : {};

/**
 * A tab in its own browser context (`locale`, by default English; a phone when `width` is given)
 * whose page errors are collected as `collectPageErrors` does.
 */
export async function openTab(
  browser: Browser,
  options: { width?: number; locale?: string; expectedErrors?: RegExp } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    ...phoneViewport(options.width),
  });
  const page = await context.newPage();
  return { context, page, errors: collectPageErrors(page, options.expectedErrors) };
}

/**
 * The browser-page options of the Desk suites: a desktop window in English. CSP is bypassed as
 * those suites always did (desk-agent.e2e checks the agent UI under its own CSP).
 */
export const DESK_PAGE = {
  locale: 'en-US',
  bypassCSP: true,
  viewport: { width: 1280, height: 900 },
} as const;

/** The labels of the inbox's sign-in form and of the view list it shows once signed in. */
export interface InboxSignInLabels {
  email: string | RegExp;
  password: string | RegExp;
  submit: string | RegExp;
  views: string | RegExp;
}

const ENGLISH_INBOX: InboxSignInLabels = {
  email: 'Email',
  password: 'Password',
  submit: 'Sign in',
  views: 'Conversation views',
};

/** Signs in to Chat's inbox at `chatUrl`/inbox/ and waits for the conversation views. */
export async function signInToInbox(
  page: Page,
  chatUrl: string,
  creds: Credentials,
  labels: InboxSignInLabels = ENGLISH_INBOX,
): Promise<void> {
  await page.goto(`${chatUrl}/inbox/`);
  await page.getByLabel(labels.email).fill(creds.email);
  await page.getByLabel(labels.password).fill(creds.password);
  await page.getByRole('button', { name: labels.submit }).click();
  await page.getByRole('navigation', { name: labels.views }).waitFor();
}

/**
 * Signs in to Desk's agent UI: opens `deskUrl` + `at` (a page under /a, where the sign-in form
 * shows first) and waits for `ready`, by default the ticket list's heading.
 */
export async function signInToDesk(
  page: Page,
  deskUrl: string,
  creds: Credentials,
  at = '/a/',
  ready = () => page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor(),
): Promise<void> {
  await page.goto(`${deskUrl}${at}`);
  await page.getByLabel('Email').fill(creds.email);
  await page.getByLabel('Password').fill(creds.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await ready();
}
