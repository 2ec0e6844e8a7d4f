/** The web UI: its pages and login form, drawn in the browser from the REST API. */
package io.videostore.web;
