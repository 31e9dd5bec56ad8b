/**
 * The Facebook Lead Ads connector plugin: Meta {@code leadgen} page webhooks verified with the tenant's app
 * secret, each lead read from the Graph API with the tenant's page access token. Only
 * {@link io.switchboard.connectors.facebook.FacebookLeadAdsConnector} is public; the rest is its inside.
 */
package io.switchboard.connectors.facebook;
