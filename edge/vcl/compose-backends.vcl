# The compose backends of edge/vcl/vod.vcl (edge/varnish/backends.ts makes the same for one origin).
backend gateway {
  .host = "gateway";
  .port = "3000";
  .connect_timeout = 1s;
  .first_byte_timeout = 10s;
  .probe = { .url = "/health/live"; .interval = 1s; .timeout = 1s; .window = 3; .threshold = 2; .initial = 2; }
}

backend catalogue {
  .host = "catalogue";
  .port = "3001";
  .connect_timeout = 1s;
  .first_byte_timeout = 10s;
  .probe = { .url = "/health/live"; .interval = 1s; .timeout = 1s; .window = 3; .threshold = 2; .initial = 2; }
}

backend guidance {
  .host = "guidance";
  .port = "3002";
  .connect_timeout = 1s;
  .first_byte_timeout = 10s;
  .probe = { .url = "/health/live"; .interval = 1s; .timeout = 1s; .window = 3; .threshold = 2; .initial = 2; }
}

backend licencing {
  .host = "licencing";
  .port = "3003";
  .connect_timeout = 1s;
  .first_byte_timeout = 10s;
  .probe = { .url = "/health/live"; .interval = 1s; .timeout = 1s; .window = 3; .threshold = 2; .initial = 2; }
}

backend availability {
  .host = "availability";
  .port = "3004";
  .connect_timeout = 1s;
  .first_byte_timeout = 10s;
  .probe = { .url = "/health/live"; .interval = 1s; .timeout = 1s; .window = 3; .threshold = 2; .initial = 2; }
}
