/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A stand-in for libFuzzer: run a fuzz target once on each file named
 * on the command line (or in a directory named there).  make check
 * uses it to replay the seed corpus and the regression inputs. */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL) {
		perror(path);
		return 1;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = realloc(buf, cap);
			if (buf == NULL)
				abort();
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	return 0;
}

static int run_path(const char *path)
{
	struct stat st;
	struct dirent *d;
	DIR *dir;
	int rc = 0;

	if (stat(path, &st) != 0) {
		perror(path);
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	dir = opendir(path);
	if (dir == NULL) {
		perror(path);
		return 1;
	}
	while ((d = readdir(dir)) != NULL) {
		char child[4096];
		if (d->d_name[0] == '.')
			continue;
		snprintf(child, sizeof(child), "%s/%s", path, d->d_name);
		rc |= run_path(child);
	}
	closedir(dir);
	return rc;
}

int main(int argc, char **argv)
{
	int rc = 0;

	for (int i = 1; i < argc; i++)
		rc |= run_path(argv[i]);
	return rc;
}
