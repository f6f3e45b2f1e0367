build-t/kernel/fs/seqbuf.o: kernel/fs/seqbuf.c kernel/fs/seqbuf.h \
 kernel/format.h kernel/string.h mm/kmalloc.h
kernel/fs/seqbuf.h:
kernel/format.h:
kernel/string.h:
mm/kmalloc.h:
