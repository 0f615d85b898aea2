#ifndef CMDLQRENCODE_SHIM_H
#define CMDLQRENCODE_SHIM_H
#include <qrencode.h>
#endif
