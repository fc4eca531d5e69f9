// Sign up and sign in. The API validates; its messages are shown as they come.
import { api } from '/assets/api.js';
import { field, formError, h } from '/assets/dom.js';
import { store } from '/assets/session.js';

/** Only a path on this site, never another origin (?next=//evil.example). */
function nextPage(url) {
  const next = url.searchParams.get('next') || '/';
  return next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

function accountForm({ heading, fields, submitLabel, submitId, send, message, url, navigate, other }) {
  const error = formError();
  const submit = h('button', { type: 'submit', testid: submitId }, submitLabel);
  const form = h('form', { class: 'form', novalidate: true }, ...fields, error, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    try {
      store(await send(new FormData(form)));
      await navigate(nextPage(url), { replace: true });
    } catch (err) {
      error.textContent = message(err);
    } finally {
      submit.disabled = false;
    }
  });
  return h('section', {}, h('h1', {}, heading), form, h('p', {}, other));
}

export async function renderSignUp({ url, navigate }) {
  const next = url.searchParams.get('next');
  return {
    title: 'Sign up',
    node: accountForm({
      heading: 'Create an account',
      fields: [
        field('signup-email', 'Email', { type: 'email', autocomplete: 'email', required: true, testid: 'signup-email' }),
        field('signup-password', 'Password', { type: 'password', autocomplete: 'new-password', required: true, minlength: 8, maxlength: 128, testid: 'signup-password' }, '(8 to 128 characters)'),
        field('signup-name', 'Name', { type: 'text', autocomplete: 'name', maxlength: 100, testid: 'signup-name' }, '(optional)'),
      ],
      submitLabel: 'Sign up',
      submitId: 'signup-submit',
      send: (data) => {
        const body = { email: String(data.get('signup-email')).trim(), password: String(data.get('signup-password')) };
        const name = String(data.get('signup-name') || '').trim();
        if (name) body.displayName = name;
        return api('/api/v1/auth/signup', { method: 'POST', body });
      },
      message: (err) => (err.status === 409 ? 'An account with this email already exists: sign in instead.' : err.message),
      url,
      navigate,
      other: ['Already have an account? ', h('a', { href: next ? `/signin?next=${encodeURIComponent(next)}` : '/signin' }, 'Sign in')],
    }),
  };
}

export async function renderSignIn({ url, navigate }) {
  const next = url.searchParams.get('next');
  return {
    title: 'Sign in',
    node: accountForm({
      heading: 'Sign in',
      fields: [
        field('signin-email', 'Email', { type: 'email', autocomplete: 'username', required: true, testid: 'signin-email' }),
        field('signin-password', 'Password', { type: 'password', autocomplete: 'current-password', required: true, testid: 'signin-password' }),
      ],
      submitLabel: 'Sign in',
      submitId: 'signin-submit',
      send: (data) => api('/api/v1/auth/login', {
        method: 'POST',
        body: { email: String(data.get('signin-email')).trim(), password: String(data.get('signin-password')) },
      }),
      message: (err) => {
        if (err.type.endsWith('/captcha-required')) return 'Too many failed sign-ins for this account: please wait a while and try again.';
        if (err.status === 401) return 'Wrong email or password.';
        return err.message;
      },
      url,
      navigate,
      other: ['New here? ', h('a', { href: next ? `/signup?next=${encodeURIComponent(next)}` : '/signup' }, 'Create an account')],
    }),
  };
}
