/**
 * An example Switchboard connector plugin, built only against the published connector API: webhooks signed
 * with an HMAC whose every detail is a tenant setting. Start a new connector by copying this module.
 */
package io.switchboard.examples.hmac;
