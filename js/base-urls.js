
// ---- Frontera (js/base-urls.js) ----------------------------------------------------------------
// Relative URLs in a feed item's HTML resolve against the item's URL (JSON Feed 1.1), not against
// the app page that shows it. build.rs appends this file, without its comments, to the copy of
// DOMPurify's module, so it costs no request of its own; src/components/safe_html.rs calls
// fronteraSanitizeAt. DOMPurify
// has already parsed and cleaned the tree when the hook runs: it only rewrites values DOMPurify
// kept, and only into http(s) URLs.
let fronteraBase = null;
let fronteraHooked = false;
const FRONTERA_URL_ATTRS = ['href', 'src', 'cite', 'poster'];

// An absolute URL as written; a relative one resolved against the base when that gives http(s).
function fronteraResolve(value) {
	try {
		new URL(value);
		return value;
	} catch (_) {}
	try {
		const url = new URL(value, fronteraBase);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : value;
	} catch (_) {
		return value;
	}
}

// Each candidate of a srcset resolved: HTML's rules, a URL up to whitespace (commas at its end
// end the candidate), then descriptors up to a comma outside parentheses.
function fronteraSrcset(set) {
	let out = '';
	let i = 0;
	while (i < set.length) {
		const lead = /^[\s,]*/.exec(set.slice(i))[0];
		let url = /^\S*/.exec(set.slice(i + lead.length))[0];
		i += lead.length + url.length;
		const commas = /,*$/.exec(url)[0];
		url = url.slice(0, url.length - commas.length);
		out += lead + (url && fronteraResolve(url)) + commas;
		if (commas) continue;
		let depth = 0;
		let j = i;
		for (; j < set.length && (set[j] !== ',' || depth > 0); j++) {
			if (set[j] === '(') depth++;
			else if (set[j] === ')' && depth > 0) depth--;
		}
		out += set.slice(i, j);
		i = j;
	}
	return out;
}

function fronteraHook(node) {
	if (fronteraBase === null || !node.getAttribute) return;
	for (const name of FRONTERA_URL_ATTRS) {
		const value = node.getAttribute(name);
		if (value !== null) node.setAttribute(name, fronteraResolve(value));
	}
	const set = node.getAttribute('srcset');
	if (set !== null) node.setAttribute('srcset', fronteraSrcset(set));
}

// `purify.sanitize(html)` (TrustedHTML where the browser has Trusted Types: js/trusted-html.js),
// with relative URLs resolved against `base` when it is not null.
export function fronteraSanitizeAt(purify, html, base) {
	if (!fronteraHooked) {
		purify.addHook('afterSanitizeAttributes', fronteraHook);
		fronteraHooked = true;
	}
	fronteraBase = base ?? null;
	try {
		return purify.sanitize(html);
	} finally {
		fronteraBase = null;
	}
}
