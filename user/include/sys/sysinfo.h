/* sys/sysinfo.h: system-wide memory and load figures, as Linux's sysinfo system
 * call (116) fills them in; sizes are counted in units of mem_unit bytes. */
#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H

struct sysinfo {
	long uptime;                /* seconds since boot */
	unsigned long loads[3];     /* 1, 5, 15 minute loads, scaled by 65536 */
	unsigned long totalram;
	unsigned long freeram;
	unsigned long sharedram;
	unsigned long bufferram;
	unsigned long totalswap;
	unsigned long freeswap;
	unsigned short procs;
	unsigned short pad;
	unsigned long totalhigh;
	unsigned long freehigh;
	unsigned int mem_unit;
	char _reserved[8];
};
_Static_assert(sizeof(struct sysinfo) == 64, "struct sysinfo must match Linux i386");

int sysinfo(struct sysinfo *info);

#endif
