# nginx for `make test-container`, from Debian's nginx-light: no image
# registry is reachable where the test runs. It reads the same
# /etc/nginx/nginx.conf (docker/nginx.conf, mounted) and takes the same
# command as the official image docker-compose.yml names.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx-light \
 && rm -rf /var/lib/apt/lists/*
EXPOSE 80
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
