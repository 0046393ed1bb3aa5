/** Small, stable value types and context shared by every module (money, tenant context). */
package mx.recaudo.shared;
