build-t/kernel/syscall.o: kernel/syscall.c kernel/syscall.h \
 kernel/errno.h kernel/exec.h kernel/fs/file.h kernel/fs/fs.h \
 kernel/fs/pipe.h kernel/fs/sys_fs.h kernel/ipc_shm.h kernel/printk.h \
 kernel/proc.h kernel/sched.h kernel/sysinfo.h kernel/x86/trap.h mm/brk.h \
 mm/mmap.h
kernel/syscall.h:
kernel/errno.h:
kernel/exec.h:
kernel/fs/file.h:
kernel/fs/fs.h:
kernel/fs/pipe.h:
kernel/fs/sys_fs.h:
kernel/ipc_shm.h:
kernel/printk.h:
kernel/proc.h:
kernel/sched.h:
kernel/sysinfo.h:
kernel/x86/trap.h:
mm/brk.h:
mm/mmap.h:
