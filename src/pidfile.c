#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "pidfile.h"
#include "util.h"

bool pidfile_parse(const char *buf, size_t len, pid_t *pid)
{
	char digits[16];
	size_t i = 0, start, n;

	while (i < len && isspace((unsigned char)buf[i]))
		i++;
	start = i;
	while (i < len && isdigit((unsigned char)buf[i]))
		i++;
	n = i - start;
	while (i < len && isspace((unsigned char)buf[i]))
		i++;
	if (i != len || n == 0 || n >= sizeof(digits))
		return false;
	memcpy(digits, buf + start, n);
	digits[n] = '\0';
	return parse_pid(digits, pid);
}

static bool all_space(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!isspace((unsigned char)buf[i]))
			return false;
	return true;
}

/* Is a lock held on the file by someone (flock or fcntl, as pkill -L)? */
static bool is_locked(int fd)
{
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET };

	if (flock(fd, LOCK_SH | LOCK_NB) != 0)
		return errno == EWOULDBLOCK;
	flock(fd, LOCK_UN);
	return fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
}

static int open_error(const char *path, int err)
{
	switch (err) {
	case ENOENT:
		msg("%s: no such pidfile: not running", path);
		return EXIT_NOMATCH;
	case ELOOP:
		msg("%s: is a symbolic link: refusing to follow it", path);
		return EXIT_USAGE;
	case EACCES:
	case EPERM:
		msg("%s: cannot open pidfile: %s", path, strerror(err));
		return EXIT_PARTIAL;
	default:
		msg("%s: cannot open pidfile: %s", path, strerror(err));
		return EXIT_USAGE;
	}
}

static int check_file(const char *path, const struct stat *st,
		      bool constrained)
{
	if (!S_ISREG(st->st_mode)) {
		msg("%s: not a regular file: refusing to read it", path);
		return EXIT_USAGE;
	}
	if (st->st_size > PIDFILE_MAX) {
		msg("%s: too large for a pidfile (%lld bytes)", path,
		    (long long)st->st_size);
		return EXIT_USAGE;
	}
	if (st->st_mode & S_IWOTH) {
		msg("%s: unsafe pidfile: writable by anyone", path);
		return EXIT_NOMATCH;
	}
	if (st->st_uid != 0 && st->st_uid != getuid() &&
	    st->st_uid != geteuid() && !constrained) {
		msg("%s: unsafe pidfile: owned by uid %u, not by root or you; "
		    "add --expect-name, --expect-exe, -u or a pattern to "
		    "accept it", path, (unsigned int)st->st_uid);
		return EXIT_NOMATCH;
	}
	return 0;
}

int pidfile_read(const char *path, bool need_lock, bool constrained,
		 pid_t *pid, struct stat *st)
{
	char buf[PIDFILE_MAX];
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC |
			    O_NOCTTY);
	int rc;
	ssize_t n;

	if (fd < 0)
		return open_error(path, errno);
	if (fstat(fd, st) != 0)
		rc = open_error(path, errno);
	else
		rc = check_file(path, st, constrained);
	if (rc != 0)
		goto out;
	if (need_lock && !is_locked(fd)) {
		msg("%s: pidfile is not locked: not running", path);
		rc = EXIT_NOMATCH;
		goto out;
	}
	n = read(fd, buf, sizeof(buf));
	if (n < 0) {
		rc = open_error(path, errno);
	} else if (all_space(buf, (size_t)n)) {
		msg("%s: pidfile is empty: not running", path);
		rc = EXIT_NOMATCH;
	} else if (!pidfile_parse(buf, (size_t)n, pid)) {
		msg("%s: does not hold a single pid", path);
		rc = EXIT_USAGE;
	}
out:
	close(fd);
	return rc;
}
