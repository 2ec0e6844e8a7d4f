/**
 * Who may pass which door: Spring Security's filter chains for the webhook, the actuator,
 * the UI and the API, the firewall in front of them, trusted proxies, and the web
 * server's own error answers.
 */
package io.videostore.security;
